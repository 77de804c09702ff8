package dev.touchpoint.channel.kiosk;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Hazelcast members for tests: loopback only, a cluster name of their own, TCP-IP join with the members listed one
 * by one, no multicast, no phone-home, no join wait.
 */
public final class TestHazelcast {

    private final String clusterName = "kiosk-test-" + UUID.randomUUID();
    private final List<Integer> ports = new ArrayList<>();

    /** A cluster of up to {@code size} members, on free loopback ports. */
    public TestHazelcast(int size) {
        for (int i = 0; i < size; i++) {
            ports.add(freePort());
        }
    }

    /** Starts member {@code index} (0-based); it joins the others that run. */
    public HazelcastInstance member(int index) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-" + index);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.partition.count", "23");
        config.getNetworkConfig().setPort(ports.get(index)).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int port : ports) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port);
        }
        return Hazelcast.newHazelcastInstance(config);
    }

    public String clusterName() {
        return clusterName;
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
