"""Kombu's filesystem transport (the embedded broker of `make run`) with atomic message files.

Kombu writes each message straight under its final name, so a worker polling the folder can
take the file while it is still empty: the payload does not decode and the worker stops with
an "unrecoverable error" (and the message is lost). Here a message is written under a name
the consumer skips, then renamed, which is atomic within one folder.
"""

import os
import uuid
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps

# The consumer takes only "<time>_<uuid>.<queue>.msg" files; this suffix hides a partial one.
PARTIAL_SUFFIX = ".partial"


class Channel(filesystem.Channel):
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


class AtomicFilesystemTransport(filesystem.Transport):
    Channel = Channel
