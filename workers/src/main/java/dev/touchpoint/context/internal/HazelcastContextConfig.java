package dev.touchpoint.context.internal;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.client.config.XmlClientConfigBuilder;
import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.map.MapStore;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.spi.merge.LatestUpdateMergePolicy;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import dev.touchpoint.context.CustomerProfile;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds the Hazelcast configuration of the customer context: the operator's file ({@code config/hazelcast.yaml},
 * network and join) first, then the parts the code owns: map configs named in {@link ContextMaps}, MapStores,
 * Compact serializers, split-brain protection, near cache. A member of a separately run cluster (client mode) must be
 * configured with {@link #applyMemberParts} too, with the workers jar on its classpath.
 */
public final class HazelcastContextConfig {

    /** Classpath fallback when the configured file does not exist (tests, a jar started outside the repository). */
    public static final String DEFAULT_MEMBER_CONFIG = "dev/touchpoint/context/hazelcast-default.yaml";

    private HazelcastContextConfig() {
    }

    /** The member configuration: file or classpath default, then the overrides of {@code settings}. */
    public static Config memberConfig(HazelcastSettings settings) {
        Config config = loadMemberFile(settings.config());
        if (settings.clusterName() != null && !settings.clusterName().isBlank()) {
            config.setClusterName(settings.clusterName());
        }
        if (settings.port() != null) {
            config.getNetworkConfig().setPort(settings.port()).setPortAutoIncrement(false);
        }
        if (!settings.members().isEmpty()) {
            JoinConfig join = config.getNetworkConfig().getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
        }
        commonProperties(config);
        return config;
    }

    /**
     * The parts of the member configuration the code owns. Call on every member that holds the context maps, whether
     * it runs inside Touchpoint (member mode) or as a separate cluster serving Touchpoint clients.
     */
    public static Config applyMemberParts(Config config, HazelcastSettings settings,
                                          MapStore<String, CustomerProfile> profileStore, MapStore<String, ContextState> contextStore) {
        commonProperties(config);
        registerSerializers(config.getSerializationConfig().getCompactSerializationConfig());

        // A minimum of 1 protects nothing (and a lone member starting up would briefly count as "no quorum"), so the
        // rule is attached from 2 on: a 3-member cluster with minimum 2 refuses decisions on the side of 1.
        boolean protectDecisions = settings.splitBrainMinimumSize() > 1;
        if (protectDecisions) {
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(ContextMaps.DECISION_SPLIT_BRAIN_PROTECTION, true,
                    settings.splitBrainMinimumSize()).setProtectOn(SplitBrainProtectionOn.READ_WRITE));
        }

        MapStoreConfig.InitialLoadMode loadMode = settings.preload() ? MapStoreConfig.InitialLoadMode.EAGER : MapStoreConfig.InitialLoadMode.LAZY;

        MapConfig profiles = config.getMapConfig(ContextMaps.PROFILES);
        profiles.setBackupCount(settings.backupCount()).setAsyncBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setPerEntryStatsEnabled(true)
                .setMergePolicyConfig(new MergePolicyConfig(LatestUpdateMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE))
                .setNearCacheConfig(profileNearCache().setCacheLocalEntries(true));
        if (profileStore != null) {
            profiles.setMapStoreConfig(new MapStoreConfig().setEnabled(true).setImplementation(profileStore)
                    .setWriteDelaySeconds(0).setInitialLoadMode(loadMode));
        }

        MapConfig contexts = config.getMapConfig(ContextMaps.CONTEXTS);
        contexts.setBackupCount(settings.backupCount()).setAsyncBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setMaxIdleSeconds((int) Math.min(Integer.MAX_VALUE, settings.contextMaxIdle().toSeconds()))
                .setSplitBrainProtectionName(protectDecisions ? ContextMaps.DECISION_SPLIT_BRAIN_PROTECTION : null)
                .setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
        if (contextStore != null) {
            // LAZY: loaded on first use, not when the map proxy is created, so that a member can start before the
            // cluster has the members split-brain protection asks for (it refuses operations until then)
            // offload (Hazelcast's default) sends every operation on the map through the offload executor and back,
            // also the decisions whose write-through store() does nothing; inline runs them on the partition thread
            contexts.setMapStoreConfig(new MapStoreConfig().setEnabled(true).setImplementation(contextStore)
                    .setWriteDelaySeconds(0).setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY)
                    .setOffload(!settings.contextStoreInline()));
        }
        return config;
    }

    /** The client configuration: file or a client of 127.0.0.1:5701, overrides, serializers, profile near cache. */
    public static ClientConfig clientConfig(HazelcastSettings settings) {
        ClientConfig config = loadClientFile(settings.clientConfig());
        if (settings.clusterName() != null && !settings.clusterName().isBlank()) {
            config.setClusterName(settings.clusterName());
        }
        if (!settings.members().isEmpty()) {
            config.getNetworkConfig().setAddresses(settings.members());
        }
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getSerializationConfig().setJavaSerializationFilterConfig(deserializationFilter());
        registerSerializers(config.getSerializationConfig().getCompactSerializationConfig());
        config.addNearCacheConfig(profileNearCache());
        return config;
    }

    static void registerSerializers(CompactSerializationConfig compact) {
        for (CompactSerializer<?> serializer : ContextSerializers.all()) {
            compact.addSerializer(serializer);
        }
    }

    private static NearCacheConfig profileNearCache() {
        return new NearCacheConfig(ContextMaps.PROFILES)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setInvalidateOnChange(true)
                .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT).setSize(100_000));
    }

    /**
     * Java deserialization is the classic remote code execution of Java clusters: whatever reaches a member's port is
     * deserialized. Touchpoint puts no Java-serialized object into Hazelcast (Compact, strings and JSON only), so
     * members and clients accept only Hazelcast's own classes, Touchpoint's and the JDK basics that exceptions and
     * collections carry, on top of Hazelcast's built-in blacklist of known gadget classes.
     */
    static com.hazelcast.config.JavaSerializationFilterConfig deserializationFilter() {
        com.hazelcast.config.JavaSerializationFilterConfig filter = new com.hazelcast.config.JavaSerializationFilterConfig();
        filter.setDefaultsDisabled(false);
        filter.getWhitelist().addPrefixes("com.hazelcast.", "dev.touchpoint.", "java.lang.", "java.util.", "java.time.", "java.math.");
        return filter;
    }

    private static void commonProperties(Config config) {
        config.getSerializationConfig().setJavaSerializationFilterConfig(deserializationFilter());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // Spring closes the instance in order (after the beans that use it); Hazelcast's own hook would race it.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
    }

    private static Config loadMemberFile(String location) {
        if (location != null && !location.isBlank()) {
            File file = new File(location);
            if (file.isFile()) {
                try {
                    return Config.loadFromFile(file);
                } catch (FileNotFoundException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Config.loadFromClasspath(HazelcastContextConfig.class.getClassLoader(), DEFAULT_MEMBER_CONFIG);
    }

    private static ClientConfig loadClientFile(String location) {
        if (location != null && !location.isBlank()) {
            File file = new File(location);
            if (file.isFile()) {
                try {
                    return location.endsWith(".xml") ? new XmlClientConfigBuilder(file).build() : new YamlClientConfigBuilder(file).build();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        ClientConfig config = new ClientConfig();
        config.getNetworkConfig().addAddress("127.0.0.1:5701");
        return config;
    }
}
