package io.lumen.testkit.loss;

/** Keeps every datagram. */
enum NoLoss implements LossModel {
    INSTANCE;

    @Override
    public boolean drop() {
        return false;
    }

    @Override
    public double rate() {
        return 0;
    }

    @Override
    public double meanBurst() {
        return 0;
    }

    @Override
    public String toString() {
        return "no loss";
    }
}
