		indented_tab = 1		
   form_feed = 2 
 　unicode_space = 3  
​zero_width = 4​
   	  
inner separator = 6
nel_inside = "" + "x"
