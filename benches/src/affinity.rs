//! CPU pinning with `sched_setaffinity`, so the server and the load generator do not share a
//! core (where the machine has two or more).

/// Logical CPUs this process may run on.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Online CPUs of the machine (independent of this process' mask).
pub fn online_cpus() -> usize {
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    usize::try_from(n).unwrap_or(1).max(1)
}

/// Pins the calling thread (and the threads it starts later) to `core`; `None` allows every
/// online CPU again. Returns whether the kernel accepted the mask.
pub fn pin(core: Option<usize>) -> bool {
    let n = online_cpus();
    // SAFETY: cpu_set_t is plain data; CPU_SET writes inside it; sched_setaffinity reads it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        match core {
            Some(c) => libc::CPU_SET(c % n, &mut set),
            None => (0..n).for_each(|c| libc::CPU_SET(c, &mut set)),
        }
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) == 0
    }
}

/// The cores to use for (server, load generator / client), if the machine has two.
pub fn plan() -> Option<(usize, usize)> {
    (online_cpus() >= 2).then_some((0, 1))
}
