# coding: no-such-codec
visible = False
