"""Staff's work on reports: what each person sees, photos, forwarding, sensor alerts."""
