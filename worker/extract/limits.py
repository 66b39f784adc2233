"""Hard limits for one extraction, and how the child process applies them to itself."""

import dataclasses
import resource

MIB = 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Limits:
    """Every bound an extraction runs under; the defaults suit a 2-core worker."""

    seconds: float = 120.0  # wall time; the child is killed after this
    memory_bytes: int = 1024 * MIB  # RLIMIT_AS of the child
    max_file_bytes: int = 200 * MIB  # larger uploads are refused before any parsing
    max_pages: int = 2000  # PDF pages / PPTX slides read; the rest is dropped (truncated)
    max_characters: int = 5_000_000  # text kept; the rest is dropped (truncated)
    zip_max_members: int = 10_000
    zip_max_uncompressed: int = 300 * MIB  # declared total AND bytes actually inflated
    zip_max_ratio: float = 200.0  # per member, for members declaring >= zip_ratio_floor
    zip_ratio_floor: int = 1 * MIB
    ocr_max_pages: int = 20
    ocr_dpi: int = 200

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


DEFAULT_LIMITS = Limits()


def apply_to_current_process(limits: Limits, max_documents: int = 1) -> None:
    """Cap this (child) process before each document: address space, CPU seconds as a backstop,
    no core dumps.

    CPU time counts over the child's life, so each document gets its budget on top of what the
    child has used so far; the hard limit covers every document the child may serve, since an
    unprivileged process can lower it but never raise it again.
    """
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    budget = int(limits.seconds) + 2
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard == resource.RLIM_INFINITY:
        hard = used + budget * max_documents + 1
    resource.setrlimit(resource.RLIMIT_CPU, (min(used + budget, hard), hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
