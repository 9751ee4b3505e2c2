// docker-unavailable: one message saying Docker is missing and naming provider embedded; no stack trace,
// none of Testcontainers' discovery noise.
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('provider docker needs a running Docker daemon, and none answers')
assert log.contains('use provider embedded')

String fromGoal = log.substring(log.indexOf('--- db-guard:'))
def traces = fromGoal.readLines().findAll {
    it =~ /^\s*(\[\w+\]\s*)?at [a-z][\w$.]+ ?\(/ || it.contains('Caused by:') || it =~ /\w+(Exception|Error): /
}
assert traces.isEmpty() : "stack trace lines in build.log:\n${traces.join('\n')}"
assert !fromGoal.contains('Could not find a valid Docker environment') : 'Testcontainers noise in the log'
assert !new File(basedir, 'target/db-guard/db-guard.json').exists() : 'no run happened, so no report'
return true
