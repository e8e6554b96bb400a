def tabs():
	if True:
		return 1
	return 2


class Mixed:
	def spaces(self):
	    return 3

class FormFeed:
    def m(self):
        pass

def after(): pass
