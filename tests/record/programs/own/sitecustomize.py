# The program's own sitecustomize: memsnap record must run it, under its
# name, as Python would without memsnap.
import os
import sys

RAN = True
sys.stderr.write("own sitecustomize ran as %s\n" % __name__)
