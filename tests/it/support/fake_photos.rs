//! Photo rows and original files made directly (no decoding): backups only
//! copy originals, so any bytes do, and 10,000 are made in seconds.

use lotbook::photos::PhotoFormat;
use lotbook::Store;

/// Bytes of fake photo `n` (distinct per `n`, `len` long).
pub fn bytes(n: u64, len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    let mut x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// Adds `count` photos spread over the store's vehicles, numbered from
/// `first` (the same number gives the same content). Returns their hashes.
pub fn add(store: &mut Store, first: u64, count: u64, len: usize) -> Vec<String> {
    let vehicles: Vec<String> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT id FROM vehicles ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(!vehicles.is_empty(), "photos need a vehicle");
    let lib = store.photos().clone();
    let mut hashes = Vec::new();
    let mut rows = Vec::new();
    for n in first..first + count {
        let data = bytes(n, len);
        let hash = blake3::hash(&data).to_hex().to_string();
        let path = lib.original_path(&hash, PhotoFormat::Jpeg).unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &data).unwrap();
        rows.push((
            hash.clone(),
            vehicles[(n as usize) % vehicles.len()].clone(),
            data.len(),
        ));
        hashes.push(hash);
    }
    let now = lotbook::db::now_utc();
    store
        .transact(|tx| {
            let mut stmt = tx.prepare(
                "INSERT INTO photos (id, vehicle_id, hash, format, width, height, bytes,
                     original_name, position, caption, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'jpeg', 1600, 1200, ?4, 'fake.jpg', 100, '', ?5, ?5)",
            )?;
            for (hash, vehicle, len) in &rows {
                stmt.execute(rusqlite::params![
                    lotbook::db::new_id(),
                    vehicle,
                    hash,
                    *len as i64,
                    now
                ])?;
            }
            Ok(())
        })
        .unwrap();
    hashes
}
