//! A headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
//! JSON messages separated by NUL bytes, read on fd 3 and written on fd 4), so that a test
//! can open a page from disk, click like a user and read the clipboard. Chromium is needed:
//! a missing browser fails the test, it never skips it (`.ci/run` installs Debian's
//! `chromium`; `CHROMIUM` names another binary).

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::os::fd::FromRawFd;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(60);

/// The browser binary: `$CHROMIUM`, else `chromium` on the PATH.
pub fn binary() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_string())
}

fn missing(e: std::io::Error) -> ! {
    panic!(
        "{} could not be started ({e}): this test needs a headless Chromium \
         (Debian package `chromium`, installed by .ci/run; or set CHROMIUM)",
        binary()
    )
}

/// The flags of every run: headless, no sandbox (tests run as root in CI), no GPU, a
/// profile folder of the test's own.
fn base_args(profile: &Path) -> Vec<String> {
    vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        format!("--user-data-dir={}", profile.display()),
    ]
}

/// `chromium --headless --dump-dom URL`: the page's DOM after its scripts ran.
pub fn dump_dom(page: &Path, profile: &Path) -> String {
    let output: Output = Command::new(binary())
        .args(base_args(profile))
        .args(["--virtual-time-budget=2000", "--dump-dom"])
        .arg(file_url(page))
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .unwrap_or_else(|e| missing(e));
    assert!(
        output.status.success(),
        "chromium --dump-dom failed: {output:?}"
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn file_url(path: &Path) -> String {
    let path = path.canonicalize().expect("the page exists");
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(char::from(byte))
            }
            other => url.push_str(&format!("%{other:02X}")),
        }
    }
    url
}

/// A browser and one attached page.
pub struct Browser {
    child: Child,
    to: File,
    from: Receiver<Value>,
    next: u64,
    session: String,
}

fn pipe() -> (i32, i32) {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    let rc = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    assert_eq!(rc, 0, "pipe2: {}", std::io::Error::last_os_error());
    (fds[0], fds[1])
}

impl Browser {
    /// Starts Chromium and opens `page` in a tab with the clipboard allowed and focus
    /// emulated (a headless page is never focused otherwise).
    pub fn open(page: &Path, profile: &Path) -> Browser {
        let (chrome_reads, we_write) = pipe();
        let (we_read, chrome_writes) = pipe();
        let mut command = Command::new(binary());
        command
            .args(base_args(profile))
            .arg("--remote-debugging-pipe")
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (fcntl, dup2) between fork and exec. The
        // copies made by F_DUPFD and dup2 do not carry close-on-exec, so Chromium gets
        // its ends as fd 3 and 4 whatever numbers the pipes had.
        unsafe {
            command.pre_exec(move || {
                let r = libc::fcntl(chrome_reads, libc::F_DUPFD, 10);
                let w = libc::fcntl(chrome_writes, libc::F_DUPFD, 10);
                if r < 0 || w < 0 || libc::dup2(r, 3) < 0 || libc::dup2(w, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().unwrap_or_else(|e| missing(e));
        // SAFETY: each descriptor is ours and owned by exactly one File from here on.
        let (to, from, theirs) = unsafe {
            (
                File::from_raw_fd(we_write),
                File::from_raw_fd(we_read),
                [
                    File::from_raw_fd(chrome_reads),
                    File::from_raw_fd(chrome_writes),
                ],
            )
        };
        drop(theirs);
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(from);
            loop {
                let mut message = Vec::new();
                match reader.read_until(0, &mut message) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        message.pop_if(|b| *b == 0);
                        if let Ok(value) = serde_json::from_slice::<Value>(&message) {
                            if tx.send(value).is_err() {
                                break;
                            }
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            to,
            from: rx,
            next: 0,
            session: String::new(),
        };
        let target = browser.call("Target.createTarget", json!({ "url": file_url(page) }));
        let target_id = target["targetId"]
            .as_str()
            .expect("a target id")
            .to_string();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("a session")
            .to_string();
        browser.call(
            "Browser.grantPermissions",
            json!({ "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
        );
        browser.page(
            "Emulation.setFocusEmulationEnabled",
            json!({ "enabled": true }),
        );
        browser.wait_for("document.readyState === 'complete'");
        browser
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> Value {
        self.next += 1;
        let id = self.next;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if session {
            message["sessionId"] = json!(self.session);
        }
        let mut bytes = serde_json::to_vec(&message).expect("json");
        bytes.push(0);
        self.to.write_all(&bytes).expect("write to chromium");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let reply = self
                .from
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("no reply from chromium to {method}: {e}"));
            if reply["id"] == json!(id) {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
        }
    }

    /// A browser-level command.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, false)
    }

    /// A command to the page.
    pub fn page(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    /// Evaluates `expression` in the page (awaiting a promise) and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.page(
            "Runtime.evaluate",
            json!({
                "expression": expression,
                "awaitPromise": true,
                "returnByValue": true,
            }),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "`{expression}` threw: {result}"
        );
        result["result"]["value"].clone()
    }

    /// Waits until `condition` (a JavaScript expression) is true.
    pub fn wait_for(&mut self, condition: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while self.eval(condition) != json!(true) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for `{condition}`"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks with the mouse at the centre of the element `selector` names, as a user does
    /// (a trusted event, which the clipboard requires).
    pub fn click(&mut self, selector: &str) {
        let selector_js = serde_json::to_string(selector).expect("json");
        let rect = self.eval(&format!(
            "(() => {{ const e = document.querySelector({selector_js}); \
             if (!e) return null; e.scrollIntoView({{block: 'center'}}); \
             const r = e.getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        let (x, y) = match (rect[0].as_f64(), rect[1].as_f64()) {
            (Some(x), Some(y)) => (x, y),
            _ => panic!("no element `{selector}` in the page"),
        };
        for kind in ["mousePressed", "mouseReleased"] {
            self.page(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            );
        }
    }

    /// The clipboard's text.
    pub fn clipboard(&mut self) -> String {
        self.eval("navigator.clipboard.readText()")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
