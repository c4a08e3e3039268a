"""Training self-service: the public catalogue, learners' accounts, booking, cancelling and taking up
freed places by the learners themselves (issue 22). The bookings are ``training.models.Booking`` rows
like those business support keeps, written through ``training.services``."""
