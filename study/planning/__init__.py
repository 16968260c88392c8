"""What to study next: the pure study-plan builder, stored plans with the spaced-review queue of
missed questions, and the plan's calendar, CSV and PDF exports."""
