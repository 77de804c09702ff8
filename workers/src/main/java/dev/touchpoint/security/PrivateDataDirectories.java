package dev.touchpoint.security;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the folders that hold personal data and secrets readable by the owner only, before anything writes to them:
 * {@code <touchpoint.home>/.touchpoint} (generated secrets, credentials, the embedded H2 database of profiles, consent
 * and the evidence ledger), the folder of an H2 database file configured elsewhere, and the folder of the credentials
 * file. {@code .touchpoint} (and folders inside it) is created owner-only when missing, so the first start never has a
 * window; a folder elsewhere is only narrowed when it exists (a tool pointed at a database that is not there must not
 * create one). A folder with wider permissions is narrowed to {@code rwx------} (and said so in the log); files inside
 * are then unreachable for other users whatever the umask gave them. Non-POSIX file systems are left alone.
 */
public class PrivateDataDirectories implements EnvironmentPostProcessor, Ordered {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Log log;

    public PrivateDataDirectories(DeferredLogFactory logs) {
        this.log = logs.getLog(PrivateDataDirectories.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path own = Path.of(environment.getProperty("touchpoint.home", "."), ".touchpoint").toAbsolutePath().normalize();
        for (Path folder : folders(environment)) {
            if (!folder.startsWith(own) && !Files.exists(folder)) {
                continue;
            }
            try {
                ownerOnly(folder);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not make " + folder + " readable by its owner only: " + e);
            }
        }
    }

    static Set<Path> folders(ConfigurableEnvironment environment) {
        Set<Path> folders = new LinkedHashSet<>();
        String home = environment.getProperty("touchpoint.home", ".");
        folders.add(Path.of(home, ".touchpoint").toAbsolutePath().normalize());
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.startsWith("jdbc:h2:file:")) {
            String file = url.substring("jdbc:h2:file:".length());
            int options = file.indexOf(';');
            Path database = Path.of(options < 0 ? file : file.substring(0, options)).toAbsolutePath().normalize();
            if (database.getParent() != null) {
                folders.add(database.getParent());
            }
        }
        String credentials = environment.getProperty("touchpoint.security.credentials-file", "");
        if (!credentials.isBlank()) {
            Path parent = Path.of(credentials).toAbsolutePath().normalize().getParent();
            if (parent != null) {
                folders.add(parent);
            }
        }
        return folders;
    }

    void ownerOnly(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(folder, OWNER_ONLY); // createDirectories is subject to the umask
            return;
        }
        if (!Files.isDirectory(folder)) {
            return;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(folder);
        if (!current.equals(OWNER_ONLY)) {
            // fails (and is logged) when another user owns the folder
            Files.setPosixFilePermissions(folder, OWNER_ONLY);
            log.info("Made " + folder + " readable by its owner only (was " + PosixFilePermissions.toString(current) + "): it holds"
                    + " personal data and secrets");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
