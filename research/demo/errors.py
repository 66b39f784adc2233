"""The one error the demo seeding reports: what the database lacks, in words to act on."""


class DemoSeedError(Exception):
    """The database lacks something the demo content relies on."""
