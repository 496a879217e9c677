// MediaNIO: moves RTP bytes, audio samples and time for Media. See README.md ("Architecture").
import CALSA
import CSndFile
