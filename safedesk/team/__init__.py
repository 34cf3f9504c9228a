"""Team mode: a shared queue on a server, and the headless publisher that alone holds the keys."""
