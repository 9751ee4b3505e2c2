package dev.dbguard.core.testing;

import dev.dbguard.core.api.RunListener;
import java.util.ArrayList;
import java.util.List;

/** A listener that keeps what a run said: its progress lines and its warnings, each in order. */
public final class RecordedLines implements RunListener {

    public final List<String> progress = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();

    @Override
    public synchronized void progress(String message) {
        progress.add(message);
    }

    @Override
    public synchronized void warning(String message) {
        warnings.add(message);
    }
}
