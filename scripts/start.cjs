// placeholder until the shell exists
