//! Photo import speed against `vipsthumbnail` (libvips), same files, same
//! cores, same run.
//!
//! `cargo bench --bench photo_import` — generates 40 realistic 12 MP JPEGs
//! (4000×3000, photo-like detail and noise, ~4 MB each), then times:
//! - Lotbook: `lotbook photos import` of the folder (hash, byte-exact
//!   original, and the three derived sizes it makes at import: thumb 400,
//!   email 1600, screen 1920, the screen size being also the team's shared
//!   size, issue 20);
//! - libvips: `vipsthumbnail` making the same three sizes of every file at
//!   the same JPEG qualities ([`SIZES`]), with as many processes as cores so
//!   it uses them all too.
//!
//! Prints both wall times and CPU times (user+sys of the processes), the
//! ratios (goal ≤ 0.35, issue 20) and Lotbook's peak memory (maximum resident
//! set of the import process; goal < 500 MB), then the peak memory of
//! importing a batch of near-100 MP PNGs (the largest photos Lotbook takes;
//! goal < 500 MB too).
//!
//! `PHOTO_BENCH_BIN=<path>` times that `lotbook` instead of this build's.
//! `PHOTO_BENCH_STAGES=1` first prints where one photo's CPU goes, stage by
//! stage on one thread (decode, each resize, each encode, hashing), with
//! the alternatives that were measured for each (`=only`: just that).

#[path = "../tests/it/support/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lotbook::photos::PhotoSize;

#[path = "photo_import/stages.rs"]
mod stages;

const FILES: usize = 40;
const WIDTH: usize = 4000;
const HEIGHT: usize = 3000;
const ROUNDS: usize = 3;
/// The memory case: 98.9 MP each, just under the 100 MP limit.
const BIG_FILES: usize = 4;
const BIG_WIDTH: usize = 11_500;
const BIG_HEIGHT: usize = 8_600;
/// What Lotbook makes of every photo at import, for vipsthumbnail to make
/// too: the long edge and JPEG quality of each size.
const SIZES: [PhotoSize; 3] = [PhotoSize::Screen, PhotoSize::Email, PhotoSize::Thumb];
/// Issue 20: the import at most this many times vipsthumbnail's time.
const GOAL: f64 = 0.35;

fn generate(dir: &Path) {
    std::fs::create_dir_all(dir).expect("bench dir");
    for i in 0..FILES {
        let path = dir.join(format!("IMG_{i:04}.jpg"));
        if path.exists() {
            continue;
        }
        std::fs::write(&path, synth::jpeg(i as u64 + 1, WIDTH, HEIGHT)).expect("write");
    }
}

/// Photo-like RGB PNGs (as an editor exports them), made once and kept.
fn generate_big(dir: &Path) {
    std::fs::create_dir_all(dir).expect("big dir");
    for i in 0..BIG_FILES {
        let path = dir.join(format!("BIG_{i:02}.png"));
        if path.exists() {
            continue;
        }
        let px = synth::synth(1000 + i as u64, BIG_WIDTH, BIG_HEIGHT);
        let tmp = path.with_extension("part");
        let file = std::io::BufWriter::new(std::fs::File::create(&tmp).expect("create"));
        let mut enc = png::Encoder::new(file, BIG_WIDTH as u32, BIG_HEIGHT as u32);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let mut writer = enc.write_header().expect("png header");
        writer.write_image_data(&px).expect("png data");
        writer.finish().expect("png end");
        std::fs::rename(&tmp, &path).expect("rename");
    }
}

/// Wall time and CPU time (user+sys) of one side's run.
#[derive(Clone, Copy)]
struct Took {
    wall: Duration,
    cpu: Duration,
}

impl Took {
    const MAX: Took = Took {
        wall: Duration::MAX,
        cpu: Duration::MAX,
    };

    /// Each figure's best over the rounds.
    fn min(self, other: Took) -> Took {
        Took {
            wall: self.wall.min(other.wall),
            cpu: self.cpu.min(other.cpu),
        }
    }
}

/// User+sys CPU time of every child process waited for so far (and of
/// theirs): the difference around a run is that run's CPU time, whoever
/// else shares the machine.
fn children_cpu() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0;
    assert!(ok, "getrusage failed");
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Times `run` (which waits for its processes): wall and CPU time.
fn measure(run: impl FnOnce()) -> Took {
    let cpu = children_cpu();
    let start = Instant::now();
    run();
    Took {
        wall: start.elapsed(),
        cpu: children_cpu() - cpu,
    }
}

/// Runs a command to its end; panics with its stderr on failure.
fn run(cmd: &mut Command) {
    let out = cmd.output().expect("spawn");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The `lotbook` built with this bench, or `PHOTO_BENCH_BIN` (an earlier
/// build, to measure a before and after against vipsthumbnail alike).
fn bin() -> PathBuf {
    std::env::var_os("PHOTO_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_lotbook")))
}

fn lotbook(data: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.arg("--data-dir")
        .arg(data)
        .env_remove("LOTBOOK_DATA_DIR");
    cmd
}

/// vipsthumbnail making every size Lotbook makes ([`SIZES`]) of `files`.
fn vips_round(files: &[PathBuf], out: &Path, cores: usize) -> Took {
    std::fs::create_dir_all(out).expect("vips out");
    measure(|| vips_run(files, out, cores))
}

fn vips_run(files: &[PathBuf], out: &Path, cores: usize) {
    let chunks: Vec<&[PathBuf]> = files.chunks(files.len().div_ceil(cores)).collect();
    let children: Vec<_> = chunks
        .iter()
        .map(|chunk| {
            // One process per core, each making every size of its files.
            let files = chunk
                .iter()
                .map(|f| format!("'{}'", f.display()))
                .collect::<Vec<_>>()
                .join(" ");
            let script = SIZES
                .iter()
                .map(|size| {
                    format!(
                        "vipsthumbnail -s {edge} -o '{out}/%s_{name}.jpg[Q={q},strip]' {files}",
                        edge = size.long_edge(),
                        name = size.as_str(),
                        q = size.quality(),
                        out = out.display(),
                    )
                })
                .collect::<Vec<_>>()
                .join(" && ");
            Command::new("sh")
                .arg("-c")
                .arg(script)
                .spawn()
                .expect("vipsthumbnail")
        })
        .collect();
    for mut child in children {
        assert!(
            child.wait().expect("wait").success(),
            "vipsthumbnail failed"
        );
    }
}

/// Runs the import of `dir` under GNU time (`/usr/bin/time -v`, Debian's
/// `time`) and returns (wall time, maximum resident set in MB, files
/// imported). std cannot read a child's peak RSS (getrusage); GNU time can.
fn lotbook_peak(data: &Path, vehicle: &str, dir: &Path) -> (Duration, f64, u64) {
    assert!(
        Path::new("/usr/bin/time").exists(),
        "GNU time is missing: run scripts/setup.sh"
    );
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(bin())
        .arg("--data-dir")
        .arg(data)
        .args(["--json", "photos", "import", "--vehicle", vehicle])
        .arg(dir)
        .output()
        .expect("time");
    let took = start.elapsed();
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "import failed: {text}");
    let peak = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|kb| kb.trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("summary json");
    let imported = summary["progress"]["imported"].as_u64().unwrap_or(0);
    (took, peak, imported)
}

fn first_vehicle(data: &Path) -> String {
    assert!(lotbook(data)
        .args(["demo", "--no-photos"])
        .output()
        .expect("demo")
        .status
        .success());
    let out = lotbook(data)
        .args(["--json", "vehicles", "list", "--limit", "1"])
        .output()
        .expect("list");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    v["items"][0]["id"]
        .as_str()
        .expect("a demo vehicle")
        .to_owned()
}

/// Single-thread decode time per photo of the candidates, in ms: why the
/// import uses libjpeg-turbo at reduced scale rather than a full decode.
fn decoders(files: &[PathBuf]) {
    let sample: Vec<Vec<u8>> = files
        .iter()
        .take(8)
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    let time = |label: &str, f: &dyn Fn(&[u8])| {
        let start = Instant::now();
        for b in &sample {
            f(b);
        }
        println!(
            "  {label:<44} {:>6.1} ms/photo",
            start.elapsed().as_secs_f64() * 1000.0 / sample.len() as f64
        );
    };
    println!("decoders, one thread, 4000x3000:");
    time("zune-jpeg 0.5, full size", &|b| {
        let mut d = zune_jpeg::JpegDecoder::new(std::io::Cursor::new(b));
        d.decode().expect("zune decode");
    });
    let turbo = |num: usize, den: usize| {
        move |b: &[u8]| {
            let mut d = turbojpeg::Decompressor::new().expect("turbo");
            let scale = turbojpeg::ScalingFactor::new(num, den);
            d.set_scaling_factor(scale).expect("scale");
            let h = d.read_header(b).expect("header").scaled(scale);
            let mut px = vec![0u8; h.width * h.height * 3];
            let img = turbojpeg::Image {
                pixels: px.as_mut_slice(),
                width: h.width,
                pitch: h.width * 3,
                height: h.height,
                format: turbojpeg::PixelFormat::RGB,
            };
            d.decompress(b, img).expect("turbo decode");
        }
    };
    time("libjpeg-turbo 3 (turbojpeg), full size", &turbo(1, 1));
    time("libjpeg-turbo 3 (turbojpeg), 1/2 in the IDCT", &turbo(1, 2));
}

fn main() {
    let root = std::env::temp_dir().join("lotbook-bench-photos");
    let src = root.join("src");
    generate(&src);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&src)
        .expect("src")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let bytes: u64 = files
        .iter()
        .map(|f| f.metadata().map(|m| m.len()).unwrap_or(0))
        .sum();
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    println!(
        "{FILES} JPEGs of {WIDTH}x{HEIGHT} ({:.1} MB in all), {cores} cores, best of {ROUNDS}",
        bytes as f64 / 1e6
    );

    decoders(&files);
    match std::env::var("PHOTO_BENCH_STAGES").as_deref() {
        Ok("only") => return stages::print(&files[..8], &root),
        Ok(_) => stages::print(&files[..8], &root),
        Err(_) => {}
    }

    let mut ours = Took::MAX;
    let mut theirs = Took::MAX;
    for round in 0..ROUNDS {
        let data = root.join(format!("data-{round}"));
        let _ = std::fs::remove_dir_all(&data);
        let vehicle = first_vehicle(&data);
        // Alternate who goes first so neither always gets a warm cache.
        let vips_out = root.join(format!("vips-{round}"));
        let _ = std::fs::remove_dir_all(&vips_out);
        let run_ours = |ours: &mut Took| {
            let t = measure(|| {
                run(lotbook(&data)
                    .args(["photos", "import", "--vehicle", &vehicle])
                    .arg(&src))
            });
            *ours = ours.min(t);
        };
        if round % 2 == 0 {
            run_ours(&mut ours);
            theirs = theirs.min(vips_round(&files, &vips_out, cores));
        } else {
            theirs = theirs.min(vips_round(&files, &vips_out, cores));
            run_ours(&mut ours);
        }
    }
    let data = root.join("data-peak");
    let _ = std::fs::remove_dir_all(&data);
    let vehicle = first_vehicle(&data);
    let (_, peak, _) = lotbook_peak(&data, &vehicle, &src);

    let per = |d: Duration| d.as_secs_f64() * 1000.0 / FILES as f64;
    let sizes = SIZES
        .iter()
        .map(|s| format!("{} {} Q{}", s.as_str(), s.long_edge(), s.quality()))
        .collect::<Vec<_>>()
        .join(", ");
    println!("sizes made of every photo by both: {sizes}");
    println!("{:<30} {:<24} CPU (user+sys)", "", "   wall");
    for (label, t) in [
        ("lotbook photos import:".to_owned(), ours),
        (format!("vipsthumbnail, {cores} procs:"), theirs),
    ] {
        println!(
            "{label:<30} {:>7.0} ms ({:>3.0} ms/photo)  {:>7.0} ms ({:>3.0} ms/photo)",
            t.wall.as_secs_f64() * 1000.0,
            per(t.wall),
            t.cpu.as_secs_f64() * 1000.0,
            per(t.cpu)
        );
    }
    println!(
        "ratio lotbook / vipsthumbnail: wall {:.2}, CPU {:.2} (goal <= {GOAL})",
        ours.wall.as_secs_f64() / theirs.wall.as_secs_f64(),
        ours.cpu.as_secs_f64() / theirs.cpu.as_secs_f64()
    );
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!("load average at the end: {}", load.join(" "));
    }
    println!("lotbook peak memory for the batch: {peak:.0} MB (goal < 500 MB)");
    let _ = std::fs::remove_dir_all(root.join("data-peak"));

    // The largest photos Lotbook takes, all at once on every core.
    let big = root.join("big");
    generate_big(&big);
    let big_bytes: u64 = std::fs::read_dir(&big)
        .expect("big")
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    let data = root.join("data-big");
    let _ = std::fs::remove_dir_all(&data);
    let vehicle = first_vehicle(&data);
    let (took, peak, imported) = lotbook_peak(&data, &vehicle, &big);
    assert_eq!(imported, BIG_FILES as u64, "every big PNG imports");
    println!(
        "{BIG_FILES} PNGs of {BIG_WIDTH}x{BIG_HEIGHT} ({:.1} MP, {:.0} MB in all), {cores} cores:",
        (BIG_WIDTH * BIG_HEIGHT) as f64 / 1e6,
        big_bytes as f64 / 1e6
    );
    println!(
        "  lotbook photos import: {:>7.0} ms, peak memory {peak:.0} MB (goal < 500 MB)",
        took.as_secs_f64() * 1000.0
    );
    let _ = std::fs::remove_dir_all(&data);
}
