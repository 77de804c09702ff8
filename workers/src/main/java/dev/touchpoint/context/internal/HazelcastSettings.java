package dev.touchpoint.context.internal;

import java.time.Duration;
import java.util.List;

/**
 * How the context joins Hazelcast (bound from {@code touchpoint.context.hazelcast.*}).
 *
 * @param mode                   MEMBER (an embedded member in this JVM) or CLIENT (a client of a separate cluster)
 * @param config                 member configuration file (YAML/XML); when it does not exist, the classpath default
 * @param clientConfig           client configuration file; when it does not exist, a client of 127.0.0.1:5701
 * @param clusterName            overrides the file's cluster name when set
 * @param port                   overrides the member port when set (auto-increment off)
 * @param members                overrides the TCP-IP member list (member mode) or the addresses (client mode) when not empty
 * @param backupCount            synchronous backups of the context maps
 * @param splitBrainMinimumSize  members the decision map needs to accept operations (1 single member; 2 of 3 in a 3-member cluster)
 * @param contextMaxIdle         a customer's decision entry leaves memory after this long untouched (consent is reloaded from the database)
 * @param preload                load all profiles and consents at start (off for very large customer bases: then on demand)
 * @param contextStoreInline     run the decision map's MapStore calls (consent loads, consent write-through) on the
 *                               partition thread instead of Hazelcast's offload executor: a decision then takes no
 *                               thread hand-offs (several times the decisions per core, docs/benchmarks.md), but a slow
 *                               or unreachable database stalls every decision of that partition thread while a consent
 *                               change or a first load waits for it; meant for a database that answers in
 *                               milliseconds (the embedded H2, a PostgreSQL nearby); applies where the member parts are
 *                               configured ({@link HazelcastContextConfig#applyMemberParts})
 */
public record HazelcastSettings(
        Mode mode,
        String config,
        String clientConfig,
        String clusterName,
        Integer port,
        List<String> members,
        int backupCount,
        int splitBrainMinimumSize,
        Duration contextMaxIdle,
        boolean preload,
        boolean contextStoreInline) {

    public enum Mode { MEMBER, CLIENT }

    public HazelcastSettings {
        mode = mode == null ? Mode.MEMBER : mode;
        members = members == null ? List.of() : List.copyOf(members);
        contextMaxIdle = contextMaxIdle == null ? Duration.ofDays(30) : contextMaxIdle;
        if (backupCount < 0 || backupCount > 6) {
            throw new IllegalArgumentException("backup-count must be between 0 and 6");
        }
        splitBrainMinimumSize = Math.max(1, splitBrainMinimumSize);
    }

    /** The settings before {@code contextStoreInline} existed: MapStore calls offloaded (Hazelcast's default). */
    public HazelcastSettings(Mode mode, String config, String clientConfig, String clusterName, Integer port,
                             List<String> members, int backupCount, int splitBrainMinimumSize, Duration contextMaxIdle,
                             boolean preload) {
        this(mode, config, clientConfig, clusterName, port, members, backupCount, splitBrainMinimumSize, contextMaxIdle,
                preload, false);
    }

    /** These settings with the decision map's MapStore calls inline ({@code true}) or offloaded. */
    public HazelcastSettings withContextStoreInline(boolean inline) {
        return new HazelcastSettings(mode, config, clientConfig, clusterName, port, members, backupCount,
                splitBrainMinimumSize, contextMaxIdle, preload, inline);
    }

    /** A member on loopback with its own cluster name and port: for tests and benchmarks. */
    public static HazelcastSettings loopbackMember(String clusterName, int port, List<String> members, int splitBrainMinimumSize) {
        return new HazelcastSettings(Mode.MEMBER, null, null, clusterName, port, members, 1, splitBrainMinimumSize,
                Duration.ofDays(30), true);
    }
}
