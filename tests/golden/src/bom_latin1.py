# coding: latin-1
conflict = True
