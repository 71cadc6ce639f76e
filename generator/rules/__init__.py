"""The rules every stage judges dates by: the legal clock, the working-day calendar, reporting periods."""
