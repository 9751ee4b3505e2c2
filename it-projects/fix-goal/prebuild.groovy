// fix-goal: the motomind migrations, copied from the motomind-unsafe it-project into this project's own migrations
// folder, where db-guard:fix writes the next migration
String motomind = 'motomind-unsafe/src/main/resources/db/migration'
// the clone beside this one, or (when only this it-project runs) the source tree: <plugin>/target/it/fix-goal
File from = [new File(basedir, "../${motomind}"), new File(basedir, "../../../../it-projects/${motomind}")]
        .find { it.isDirectory() }
File to = new File(basedir, 'src/main/resources/db/migration')
assert from != null : "no motomind-unsafe migrations beside ${basedir}"
to.deleteDir()
assert to.mkdirs()
from.eachFile { File f -> new File(to, f.name).bytes = f.bytes }
return true
