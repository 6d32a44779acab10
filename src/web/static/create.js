// create page behaviour (progressive enhancement; the page works without it where it can).

