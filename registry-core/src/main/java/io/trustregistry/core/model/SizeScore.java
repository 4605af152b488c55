package io.trustregistry.core.model;

/**
 * How well a model's size suits four classes of device, each in [0, 1].
 */
public record SizeScore(double raspberryPi, double jetsonNano, double desktopPc, double awsServer,
                        double latencySeconds) {
    public SizeScore {
        for (double v : new double[] {raspberryPi, jetsonNano, desktopPc, awsServer}) {
            if (Double.isNaN(v) || v < 0 || v > 1) {
                throw new IllegalArgumentException("size score out of range: " + v);
            }
        }
        if (Double.isNaN(latencySeconds) || latencySeconds < 0) {
            throw new IllegalArgumentException("latency must be a non-negative number of seconds");
        }
    }

    /** The best device's score: a model that fits a server is deployable. */
    public double best() {
        return Math.max(Math.max(raspberryPi, jetsonNano), Math.max(desktopPc, awsServer));
    }

    /** The mean over the four devices. */
    public double mean() {
        return (raspberryPi + jetsonNano + desktopPc + awsServer) / 4.0;
    }
}
