// Runs only where no Docker daemon answers: there the failure message is what this project checks.
try {
    def docker = ['docker', 'info'].execute()
    docker.consumeProcessOutput(new StringBuilder(), new StringBuilder())
    if (!docker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        docker.destroyForcibly()
        return true
    }
    return docker.exitValue() != 0
} catch (IOException noDockerClient) {
    return true
}
