# Dates as the site has always shown them, "4 December 2026", where Django's
# English would say "Dec. 4, 2026". Templates ask for |date:"DATE_FORMAT".
DATE_FORMAT = "j F Y"
