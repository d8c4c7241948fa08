/**
 * Hands `text` to the person as a file named `name`: a download in a
 * browser; in the desktop app, Electron's own save dialog, which any
 * download opens when the main process sets no path.
 */
export function saveTextFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  // Long enough for the download to have read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
