"""Background jobs: work that outlasts a web request, run by workers, with a status people can see.

See ``wscb.jobs.services`` for how an app starts a job and ``README.md`` ("Background jobs").
"""
