"""Files an instructor's LMS reads and writes: questions in and out (GIFT, Aiken, CSV, Moodle XML,
QTI), class rosters, and gradebooks in the shapes Moodle's and Canvas's imports accept."""
