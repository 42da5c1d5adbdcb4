"""Rule tables as data files: unit suffixes, units of measure, section cues."""
