ok = 1
﻿bom = 2﻿
