// start-without-stop: the build failed after start and stop never ran. The embedded server must be stopped
// by the shutdown hook when Maven exits, and its instance directory removed, without errors at exit.
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('AlwaysFail')
assert !log.contains('db-guard: stopped the database') : 'stop ran, so this project tests nothing'

def kept = log =~ /dbguard\.url=jdbc:postgresql:\/\/localhost:(\d+)\/db_guard/
assert kept.find()
int port = kept.group(1) as int
boolean listening = true
for (int i = 0; i < 100 && listening; i++) {  // the build's JVM is gone; give the hook's SIGTERM time
    try {
        new Socket('localhost', port).close()
        Thread.sleep(100)
    } catch (IOException e) {
        listening = false
    }
}
assert !listening : "the embedded PostgreSQL of start still listens on port ${port} after the build ended"

String atExit = log.substring(log.indexOf('BUILD FAILURE'))
assert !atExit.contains('Exception in thread') : 'errors at exit:\n' + atExit
assert !atExit.contains('NoClassDefFoundError') : 'errors at exit:\n' + atExit
return true
