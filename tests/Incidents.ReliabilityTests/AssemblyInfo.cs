// Tests that host the app must not run in parallel: Hangfire keeps process-wide statics.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
