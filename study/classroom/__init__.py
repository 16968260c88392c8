"""The instructor's side: practice-set and result files, class results and item analysis, the
question importers (GIFT, Aiken, CSV) and imported questions, and the class server's roles."""
