#!/usr/bin/env perl
# One start of the host, timed from the moment this script launches it: until /serverinfo answers over HTTP, until
# lumen:backends answers through the command socket, and until the log reports the first picture sent. Both
# probes poll every POLL_MS from this one process (no process per probe, so the polling steals little CPU from the
# host it measures). lumen:backends counts as answering once its table has at least MIN_ROWS lines, so a table
# that lacks the backends still starting does not count. Prints "serverinfo backends first cpu rows" in
# milliseconds, or "-" for one that never came; cpu is the processor time the host had used when lumen:backends
# answered, rows the lines of its table once the first picture was sent.
#   probe.pl PORT DATA_DIR LOG TIMEOUT_S POLL_MS MIN_ROWS COMMAND...
use strict;
use warnings;
use IO::Socket::INET;
use IO::Socket::UNIX;
use Time::HiRes qw(time sleep);
use POSIX qw(:sys_wait_h mktime);

my ($port, $data, $log, $timeout, $poll, $min_rows, @command) = @ARGV;
my $socket = "$data/run/lumen.sock";

unlink $log; # the last run's lines must not be read before the child truncates the file
my $launched = time();
my $pid = fork() // die "fork: $!";
if ($pid == 0) {
    open(STDOUT, '>', $log) or die "$log: $!";
    open(STDERR, '>&', \*STDOUT) or die "stderr: $!";
    exec(@command) or die "exec: $!";
}

my ($serverinfo, $backends, $first, $cpu, $rows);
while (time() - $launched < $timeout) {
    $serverinfo //= since($launched) if serverinfo_answers();
    if (!defined $backends && defined($rows = backend_rows()) && $rows >= $min_rows) {
        $backends = since($launched);
        $cpu = cpu_millis($pid);
    }
    $first //= first_picture($log, $launched);
    last if defined $serverinfo && defined $backends && defined $first;
    last if waitpid($pid, WNOHANG) == $pid;
    sleep($poll / 1000);
}
# the whole table, to compare later starts against: by the first picture every bundle has started
$rows = backend_rows() if defined $first;
kill('TERM', $pid);
waitpid($pid, 0);
print join(' ', map { $_ // '-' } $serverinfo, $backends, $first, $cpu, $rows), "\n";

# the host's processor time (user + system, all its threads) so far: less disturbed by a busy machine than the
# wall-clock figures, so it tells whether a change saved work or only moved it
sub cpu_millis {
    open(my $stat, '<', "/proc/$_[0]/stat") or return undef;
    my @fields = split ' ', (split /\) /, <$stat>, 2)[1];
    return int(($fields[11] + $fields[12]) * 1000 / POSIX::sysconf(POSIX::_SC_CLK_TCK()));
}

sub since { return int((time() - $_[0]) * 1000 + 0.5); }

sub serverinfo_answers {
    my $http = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port, Proto => 'tcp', Timeout => 1)
        or return 0;
    $http->timeout(5);
    print $http "GET /serverinfo HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    my $status = <$http> // '';
    my $reply = do { local $/; <$http> } // '';
    close $http;
    return $status =~ m{^HTTP/1\.[01] 200} && $reply =~ /<root/;
}

# the lines of lumen:backends' table, or undef while it does not answer; the command socket's reply ends with NUL
# "lumen-exit=<status>", 0 for a command that ran
sub backend_rows {
    return undef unless -S $socket;
    my $unix = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $socket) or return undef;
    print $unix "lumen:backends\n";
    my $reply = do { local $/; <$unix> } // '';
    close $unix;
    return undef unless $reply =~ s/\x00lumen-exit=0\s*$//;
    return scalar(grep { /\S/ } split /\n/, $reply);
}

# the log's own timestamp ("2026-11-24 02:01:04.430 INFO ...: first picture sent ..."), local time
sub first_picture {
    my ($file, $since) = @_;
    open(my $in, '<', $file) or return undef;
    while (my $line = <$in>) {
        next unless $line =~ /first picture sent/;
        my ($y, $mo, $d, $h, $mi, $s, $ms) = $line =~ /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)\.(\d+)/ or next;
        my $at = mktime($s, $mi, $h, $d, $mo - 1, $y - 1900, 0, 0, -1) + $ms / 1000;
        return int(($at - $since) * 1000 + 0.5);
    }
    return undef;
}
