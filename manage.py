#!/usr/bin/env python
"""Django's command-line utility; ``shuxiang`` does the same once installed."""

import sys

from shuxiang.cli import main

if __name__ == "__main__":
    sys.exit(main())
