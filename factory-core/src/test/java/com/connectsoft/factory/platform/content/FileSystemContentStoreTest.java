package com.connectsoft.factory.platform.content;

import com.connectsoft.factory.platform.content.filesystem.FileSystemContentStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileSystemContentStoreTest extends ContentStoreContract {
    @TempDir
    Path dir;

    @Override
    protected ContentStore store() {
        return new FileSystemContentStore(dir);
    }
}
