"""shuxiang (书香): plan, record and report library outreach campaigns."""

__version__ = "0.1.0"
