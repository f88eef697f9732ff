import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Run inside the build sandbox by BuildSandboxTest: tries what a hostile generated module would, and prints one line
 * per attempt, "name: ALLOWED detail" or "name: BLOCKED reason".
 * Arguments: a host file holding a secret, a host directory, a loopback port the test listens on, a host file to create.
 */
public class Probe {
    public static void main(String[] args) throws Exception {
        String secretFile = args[0];
        String hostDir = args[1];
        int port = Integer.parseInt(args[2]);
        String outside = args[3];
        Map<String, String> env = System.getenv();
        line("environment", env.keySet().stream().anyMatch(k -> k.startsWith("FACTORY_") || k.startsWith("AZURE_") || k.startsWith("SBX_"))
                ? "ALLOWED " + env.keySet() : "BLOCKED only " + env.keySet());
        attempt("read-secret", () -> Files.readString(Path.of(secretFile)));
        attempt("list-host-dir", () -> String.valueOf(Files.list(Path.of(hostDir)).count()));
        attempt("list-root-home", () -> String.valueOf(Files.list(Path.of("/root")).count()));
        attempt("connect-loopback", () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                return "connected";
            }
        });
        attempt("resolve-dns", () -> InetAddress.getByName("repo.maven.apache.org").toString());
        attempt("write-outside", () -> {
            Files.createDirectories(Path.of(outside).getParent());
            Files.writeString(Path.of(outside), "pwned");
            return "wrote " + outside;
        });
        attempt("write-var-tmp", () -> Files.writeString(Path.of("/var/tmp/pwned-" + args[4]), "x").toString());
        attempt("write-repository", () -> Files.writeString(Path.of("/repository/pwned.txt"), "x").toString());
        attempt("write-usr", () -> Files.writeString(Path.of("/usr/pwned.txt"), "x").toString());
        attempt("write-root-fs", () -> Files.writeString(Path.of("/pwned.txt"), "x").toString());
        attempt("write-build-dir", () -> Files.writeString(Path.of("/build/own.txt"), "mine").toString());
        attempt("see-host-processes", () -> {
            long others = Files.list(Path.of("/proc")).filter(p -> p.getFileName().toString().matches("\\d+")).count();
            if (others > 20) {
                return others + " processes";
            }
            throw new IOException("only " + others + " processes visible");
        });
        attempt("read-shadow", () -> Files.readString(Path.of("/etc/shadow")));
        attempt("run-as-root", () -> {
            Process p = new ProcessBuilder("id", "-u").start();
            String uid = new String(p.getInputStream().readAllBytes()).trim();
            if (uid.equals("0") && Files.isWritable(Path.of("/etc"))) {
                return "root";
            }
            throw new IOException("uid " + uid);
        });
        new ProcessBuilder("/bin/sh", "-c", "sleep 300 # sandbox-leftover-" + args[4]).start();
        System.out.println("probe: done");
    }

    private static void attempt(String name, Callable<String> action) {
        try {
            String detail = action.call();
            line(name, "ALLOWED " + detail.replaceAll("\\s+", " ").substring(0, Math.min(80, detail.length())));
        } catch (Exception | Error e) {
            line(name, "BLOCKED " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
        }
    }

    private static void line(String name, String outcome) {
        System.out.println(name + ": " + outcome);
    }
}
