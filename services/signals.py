"""Signal receivers of the register (connected in ServicesConfig.ready)."""


def connect():
    pass
