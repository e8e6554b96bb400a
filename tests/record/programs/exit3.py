"""Keeps a little memory and exits with status 3."""
import sys

kept = [str(i) * 10 for i in range(1000)]
sys.exit(3)
