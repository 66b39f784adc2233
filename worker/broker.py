"""Kombu's filesystem transport (the embedded broker of `make run`), atomic and redelivering.

Kombu writes each message straight under its final name, so a worker polling the folder can
take the file while it is still empty: the payload does not decode and the worker stops with
an "unrecoverable error" (and the message is lost). Here a message is written under a name
the consumer skips, then renamed, which is atomic within one folder.

Kombu also deletes a message file as soon as a worker takes it, so a task acknowledged late
was lost with a worker killed outright. Here a taken message moves to the claims folder under
its consumer's pid until it is acknowledged; a claim whose process is gone, or older than the
visibility timeout, goes back to its queue. One machine: a pid says nothing across hosts.
"""

import contextlib
import logging
import os
import time
import uuid
from pathlib import Path
from queue import Empty
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem, virtual
from kombu.utils.encoding import bytes_to_str, str_to_bytes
from kombu.utils.json import dumps, loads

logger = logging.getLogger(__name__)

# The consumer takes only "<time>_<uuid>.<queue>.msg" files; this suffix hides a partial one.
PARTIAL_SUFFIX = ".partial"
# How often a consumer looks for claims to give back (each look lists the claims folder).
CLAIMS_CHECK_SECONDS = 2.0
DEFAULT_VISIBILITY_SECONDS = 3600


class QoS(virtual.QoS):
    def ack(self, delivery_tag):
        super().ack(delivery_tag)
        self.channel.release_claim(delivery_tag)

    def reject(self, delivery_tag, requeue=False):
        super().reject(delivery_tag, requeue)  # requeued: a copy is already back in the queue
        self.channel.release_claim(delivery_tag)


class Channel(filesystem.Channel):
    QoS = QoS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._claims: dict[str, Path] = {}  # delivery tag → claim file
        self._auto_acked_queues: set[str] = set()
        self._claims_checked_at = float("-inf")

    def _put(self, queue, payload, **kwargs):
        """Put `payload` onto `queue`: written in full first, then made visible at once."""
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = final + PARTIAL_SUFFIX
        try:
            with open(partial, "wb") as handle:
                handle.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as error:
            raise ChannelError(f"Cannot add file {final!r} to directory") from error

    def basic_consume(self, queue, no_ack, *args, **kwargs):
        if no_ack:  # nobody will acknowledge these (remote control): no claim to keep
            self._auto_acked_queues.add(queue)
        return super().basic_consume(queue, no_ack, *args, **kwargs)

    def basic_get(self, queue, no_ack=False, **kwargs):
        message = super().basic_get(queue, no_ack, **kwargs)
        if message is not None and no_ack:
            self.release_claim(message.delivery_tag)
        return message

    def _get(self, queue):
        """Take the oldest message of `queue`, kept as this process's claim until acknowledged."""
        if queue in self._auto_acked_queues:
            return super()._get(queue)
        self._give_back_abandoned_claims()
        wanted = f"{queue}.msg"
        for name in sorted(os.listdir(self.data_folder_in)):
            if name.partition(".")[2] != wanted:
                continue
            claim = self.claims_folder / f"{os.getpid()}-{name}"
            try:
                os.rename(os.path.join(self.data_folder_in, name), claim)
            except FileNotFoundError:
                continue  # another consumer took it first
            try:
                os.utime(claim)  # the visibility timeout counts from the claim
                payload = loads(bytes_to_str(claim.read_bytes()))
            except OSError as error:
                raise ChannelError(f"Cannot read file {str(claim)!r} from queue.") from error
            self._claims[payload["properties"]["delivery_tag"]] = claim
            return payload
        raise Empty()

    def _restore(self, message):
        super()._restore(message)  # a copy is back in the queue: the claim has done its work
        self.release_claim(message.delivery_tag)

    def release_claim(self, delivery_tag) -> None:
        claim = self._claims.pop(delivery_tag, None)
        if claim is not None:
            claim.unlink(missing_ok=True)

    def _give_back_abandoned_claims(self) -> None:
        if monotonic() - self._claims_checked_at < CLAIMS_CHECK_SECONDS:
            return
        self._claims_checked_at = monotonic()
        expired_before = time.time() - self.visibility_timeout
        for claim in self.claims_folder.iterdir():
            owner, _, name = claim.name.partition("-")
            with contextlib.suppress(FileNotFoundError):  # acknowledged or given back meanwhile
                if process_alive(int(owner)) and claim.stat().st_mtime > expired_before:
                    continue
                os.rename(claim, os.path.join(self.data_folder_in, name))
                logger.warning("broker: %s, taken by process %s, is back in its queue", name, owner)

    @property
    def claims_folder(self) -> Path:
        default = Path(self.data_folder_in).parent / "claims"
        folder = Path(self.transport_options.get("claims_folder") or default)
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    @property
    def visibility_timeout(self) -> float:
        return self.transport_options.get("visibility_timeout", DEFAULT_VISIBILITY_SECONDS)


def process_alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 0)
            return True
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


class AtomicFilesystemTransport(filesystem.Transport):
    Channel = Channel
