package org.passerelle.testnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * A single-node OpenSearch for the search contract suite: loopback only, a free port (or
 * HTTP_PORT, so a test can stop the node and start it again at the same address), data in the
 * given folder. Once the cluster is healthy it writes its HTTP port to FOLDER/http.port; it stops
 * when the process that started it (PARENT_PID) is gone, so a killed test run leaves no node.
 *
 * Usage: TestNode FOLDER PARENT_PID [HTTP_PORT]
 */
public final class TestNode {
    // Transport, the analysers the index definition names (elision, stemmer, ...) and
    // delete-by-query, and k-NN (knn_vector fields and the knn query: search by meaning) with
    // Painless, which it extends. A node lacking one would answer requests wrongly, so it must
    // not start.
    private static final List<String> PLUGINS = List.of(
        "org.opensearch.transport.Netty4Plugin",
        "org.opensearch.analysis.common.CommonAnalysisPlugin",
        "org.opensearch.index.reindex.ReindexPlugin",
        "org.opensearch.painless.PainlessPlugin",
        "org.opensearch.knn.plugin.KNNPlugin"
    );
    private static final TimeValue HEALTH_TIMEOUT = TimeValue.timeValueSeconds(60);

    /** Node's plugin-taking constructor is protected: it is meant for embedding like this. */
    private static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("usage: TestNode FOLDER PARENT_PID [HTTP_PORT]");
        }
        Path folder = Path.of(args[0]).toAbsolutePath();
        long parent = Long.parseLong(args[1]);
        String httpPort = args.length == 3 ? Integer.toString(Integer.parseInt(args[2])) : "0";
        Settings settings = Settings.builder()
            .put("path.home", folder.toString())
            .put("path.data", folder.resolve("data").toString())
            .put("path.logs", folder.resolve("logs").toString())
            .put("cluster.name", "passerelle-test")
            .put("node.name", "passerelle-test")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", "0")
            // A nearly full disk on a developer's machine must not turn indexes read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        Environment environment =
            InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "passerelle-test");
        Node node = new EmbeddedNode(environment, pluginClasses());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(node)));
        node.start();

        var health = node.client().admin().cluster().prepareHealth()
            .setWaitForYellowStatus().setTimeout(HEALTH_TIMEOUT).get();
        if (health.isTimedOut()) {
            throw new IllegalStateException("the node was not healthy within " + HEALTH_TIMEOUT);
        }
        int port = node.injector().getInstance(HttpServerTransport.class)
            .boundAddress().publishAddress().getPort();
        // Written whole, then renamed: the script never reads half a port number.
        Path partial = folder.resolve("http.port.partial");
        Files.writeString(partial, Integer.toString(port));
        Files.move(partial, folder.resolve("http.port"), StandardCopyOption.ATOMIC_MOVE);

        while (ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(1000);
        }
        System.exit(0);  // runs the shutdown hook
    }

    @SuppressWarnings("unchecked")
    private static Collection<Class<? extends Plugin>> pluginClasses() throws ClassNotFoundException {
        List<Class<? extends Plugin>> classes = new ArrayList<>();
        for (String name : PLUGINS) {
            classes.add((Class<? extends Plugin>) Class.forName(name));  // missing: the node fails
        }
        return classes;
    }

    private static void close(Node node) {
        try {
            node.close();
        } catch (Exception error) {
            System.err.println("closing the OpenSearch test node failed: " + error);
        }
    }
}
