"""Stage io: reading and checking workbooks, writing xlsx files atomically, the template."""
