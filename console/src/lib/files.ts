/** Reads a Blob with FileReader, which every engine has (older ones and test DOMs lack Blob#text and #arrayBuffer). */
function read<T extends 'text' | 'bytes'>(file: Blob, as: T): Promise<T extends 'text' ? string : ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as T extends 'text' ? string : ArrayBuffer);
    r.onerror = () => reject(r.error ?? new Error('the file could not be read'));
    if (as === 'text') r.readAsText(file);
    else r.readAsArrayBuffer(file);
  });
}

/** The bytes of a file. */
export const bytesOf = (file: Blob): Promise<ArrayBuffer> => (typeof file.arrayBuffer === 'function' ? file.arrayBuffer() : read(file, 'bytes'));

/** The text (UTF-8) of a file. */
export const textOf = (file: Blob): Promise<string> => (typeof file.text === 'function' ? file.text() : read(file, 'text'));
