"""Commands that write records for a clerk (`giaitrinh new`): a room on top of the stages. It may
import the stages and the shared leaves; no stage imports it."""
