"""An upload handler that never writes more of a file to disk than any form would accept."""

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class SizeCappedUploadHandler(TemporaryFileUploadHandler):
    """Streams a file to a temporary file up to settings.FILE_UPLOAD_MAX_BYTES, then only counts.

    An oversized file arrives empty but with its real size, so the form refuses it with the
    usual "too big" message, and a huge upload cannot fill the disk before that.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.oversized = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) <= settings.FILE_UPLOAD_MAX_BYTES:
            return super().receive_data_chunk(raw_data, start)
        if not self.oversized:
            self.oversized = True
            self.file.seek(0)
            self.file.truncate()
        return None
