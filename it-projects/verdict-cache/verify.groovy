// verdict-cache: six builds (see invoker.properties); the cached verdicts are the verdicts of cold runs
String log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 6 : 'expected six successful builds'
assert log.count('verdict from the cache') == 2 : 'builds 2 and 4 take their verdict from the cache'
assert log.count('starting embedded PostgreSQL') == 4 : 'builds 1, 3, 5 and 6 start PostgreSQL, 2 and 4 do not'
// build 3 adds V3: it continues from the migrated state build 1 kept after V1 and V2, and applies V3 alone
assert log.count('continuing from the migrated state kept after the first 2 migrations') == 1 :
        'build 3 continues from the state build 1 kept'
assert log.count('applying V1__tenants.sql') == 3 : 'builds 1, 5 and 6 apply V1; build 3 continues after it'

def json = { int run -> new File(basedir, "reports/${run}/db-guard.json").text }
// each migration's millis is a measurement, the one field a cold run may change
def timeless = { String text -> text.replaceAll(/"millis"\s*:\s*\d+/, '"millis": 0') }

assert json(2) == json(1) : 'the warm build writes the cold build\'s report'
assert json(4) == json(3) : 'the warm build with V3 writes the cold build\'s report'
assert timeless(json(1)) == timeless(json(6)) : 'the cached verdict is the verdict without the cache'
assert timeless(json(3)) == timeless(json(5)) : 'with V3 added, the verdict is the verdict without the cache'
assert json(3).contains('V3__note_tags.sql') && !json(1).contains('V3__note_tags.sql')

def entries = new File(basedir, 'verdict-cache').listFiles().findAll { it.name.endsWith('.json') }
assert entries.size() == 2 : "one cache entry per state of the inputs: ${entries*.name}"
def states = new File(basedir, 'verdict-cache/prefixes').listFiles().findAll { !it.name.startsWith('.') }
assert states.size() == 2 : "one migrated state kept by build 1 (V1, V2), one by build 3 (V1 to V3): ${states*.name}"
return true
