"""OAI-PMH 2.0: library catalogues and harvesters collect Passerelle's public records."""
