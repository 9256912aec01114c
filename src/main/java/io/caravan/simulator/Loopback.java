package io.caravan.simulator;

/** Whether a client address is on the loopback interface: the simulator's control endpoints answer only those. */
final class Loopback {

    private Loopback() {
    }

    static boolean is(String address) {
        return address.startsWith("127.") || "0:0:0:0:0:0:0:1".equals(address) || "::1".equals(address);
    }
}
