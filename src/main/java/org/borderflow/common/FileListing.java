package org.borderflow.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The visible files under a folder, at any depth. On a local file system folder by folder with {@code listStatus},
 * not {@code listFiles}: its located statuses ask for each file's permissions, which Hadoop does by starting a shell
 * command per file where it has no native library (17 s for the 1,753 files of the benchmark's daily landing zone
 * on a loaded machine; a thread dump of the test suite caught every published table's row count in it). Object
 * stores and HDFS keep {@code listFiles}, which lists a tree in few calls there.
 */
public final class FileListing {

  private FileListing() {}

  /** The files under {@code dir} with no hidden name (Spark's and Hadoop's side files) on the way down. */
  public static List<FileStatus> visibleFiles(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      listLocal(fs, dir, out);
    } else {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        LocatedFileStatus status = it.next();
        if (visibleBelow(dir, status.getPath())) {
          out.add(status);
        }
      }
    }
    return out;
  }

  private static void listLocal(FileSystem fs, Path dir, List<FileStatus> out) throws IOException {
    for (FileStatus child : fs.listStatus(dir, FileListing::visible)) {
      if (child.isDirectory()) {
        listLocal(fs, child.getPath(), out);
      } else {
        out.add(child);
      }
    }
  }

  /** Spark and Hadoop mark their side files with a leading '_' or '.': _SUCCESS, .crc, _temporary. */
  public static boolean visible(Path path) {
    String name = path.getName();
    return !name.startsWith("_") && !name.startsWith(".");
  }

  private static boolean visibleBelow(Path base, Path file) {
    for (Path p = file; p != null && !p.equals(base); p = p.getParent()) {
      if (!visible(p)) {
        return false;
      }
    }
    return true;
  }
}
